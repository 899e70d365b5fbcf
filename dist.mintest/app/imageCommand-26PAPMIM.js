import { createRequire as __labCreateRequire } from 'node:module'; const require = __labCreateRequire(import.meta.url);
import{describeImage,formatSize,imageJson,runImageCommand}from"./chunk-ONQU5BKB.js";import"./chunk-DRTVH4HF.js";import"./chunk-VA7K6XMZ.js";import"./chunk-4JIZPSIN.js";import"./chunk-KRPR6WTZ.js";export{describeImage,formatSize,imageJson,runImageCommand};
