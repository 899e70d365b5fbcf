import { createRequire as __labCreateRequire } from 'node:module'; const require = __labCreateRequire(import.meta.url);
import{readProgress,recordSeen,removeProgress,writeProgress}from"./chunk-HC2Y4UWO.js";import"./chunk-LQA4ZQPB.js";import"./chunk-KRPR6WTZ.js";export{readProgress,recordSeen,removeProgress,writeProgress};
