import { createRequire as __labCreateRequire } from 'node:module'; const require = __labCreateRequire(import.meta.url);
import{RecordingError,readRecording}from"./chunk-EKVKQMXJ.js";import"./chunk-FRNTY2C3.js";import"./chunk-WSKZLKCG.js";import"./chunk-LQA4ZQPB.js";import"./chunk-AEROZOAB.js";import"./chunk-KRPR6WTZ.js";export{RecordingError,readRecording};
