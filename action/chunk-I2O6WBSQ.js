import { createRequire as __rosterCreateRequire } from 'node:module';
const require = __rosterCreateRequire(import.meta.url);
import {
  CONTROL_CHARACTERS,
  unicodeEscape
} from "./chunk-3STYS2ZZ.js";

// src/render/visible.ts
var NAMED = { "\n": "\\n", "\r": "\\r", "	": "\\t" };
function visible(text) {
  return text.replace(CONTROL_CHARACTERS, (char) => {
    const code = char.charCodeAt(0);
    return NAMED[char] ?? (code < 256 ? `\\x${code.toString(16).padStart(2, "0")}` : unicodeEscape(char));
  });
}

export {
  visible
};
