import { createRequire as __labCreateRequire } from 'node:module'; const require = __labCreateRequire(import.meta.url);
import{homeFromPasswd,progressLocation}from"./chunk-IULMZF3N.js";import"./chunk-KRPR6WTZ.js";export{homeFromPasswd,progressLocation};
