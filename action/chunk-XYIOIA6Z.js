import { createRequire as __rosterCreateRequire } from 'node:module';
const require = __rosterCreateRequire(import.meta.url);
import {
  HttpProvider,
  networkReason
} from "./chunk-5I7G6NLK.js";
import "./chunk-I2O6WBSQ.js";
import "./chunk-ERPQTAKO.js";
import "./chunk-3STYS2ZZ.js";
export {
  HttpProvider,
  networkReason
};
