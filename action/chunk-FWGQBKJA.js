import { createRequire as __rosterCreateRequire } from 'node:module';
const require = __rosterCreateRequire(import.meta.url);
import {
  PipefyClient,
  PipefyError
} from "./chunk-KX5JVGCE.js";
import "./chunk-YD5QI4B2.js";
import "./chunk-5I7G6NLK.js";
import "./chunk-I2O6WBSQ.js";
import "./chunk-ERPQTAKO.js";
import "./chunk-3STYS2ZZ.js";
export {
  PipefyClient,
  PipefyError
};
