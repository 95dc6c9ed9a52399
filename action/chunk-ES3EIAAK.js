import { createRequire as __rosterCreateRequire } from 'node:module';
const require = __rosterCreateRequire(import.meta.url);
import {
  PipefyClient,
  PipefyError
} from "./chunk-DHJOFXDB.js";
import "./chunk-YD5QI4B2.js";
import "./chunk-PERJDFN3.js";
import "./chunk-I2O6WBSQ.js";
import "./chunk-ERPQTAKO.js";
import "./chunk-3STYS2ZZ.js";
export {
  PipefyClient,
  PipefyError
};
