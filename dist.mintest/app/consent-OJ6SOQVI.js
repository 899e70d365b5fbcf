import { createRequire as __labCreateRequire } from 'node:module'; const require = __labCreateRequire(import.meta.url);
import{consentLines,consents,sourceMark}from"./chunk-WXM2Z6I2.js";import"./chunk-KRPR6WTZ.js";export{consentLines,consents,sourceMark};
