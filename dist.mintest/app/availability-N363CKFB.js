import { createRequire as __labCreateRequire } from 'node:module'; const require = __labCreateRequire(import.meta.url);
import{UNLIMITED,privilegeLabel,whyUnavailable}from"./chunk-6WLYFLXQ.js";import"./chunk-LFX2X7MB.js";import"./chunk-DH3DVFWK.js";import"./chunk-XSE2DKQN.js";import"./chunk-4JIZPSIN.js";import"./chunk-KRPR6WTZ.js";export{UNLIMITED,privilegeLabel,whyUnavailable};
