import { createRequire as __labCreateRequire } from 'node:module'; const require = __labCreateRequire(import.meta.url);
import{HelperClient}from"./chunk-F4OF44HD.js";import"./chunk-KLBGUHU4.js";import"./chunk-U7N6IBED.js";import"./chunk-VA7K6XMZ.js";import"./chunk-2FDOHOSX.js";import"./chunk-KRPR6WTZ.js";export{HelperClient};
