import { createRequire as __labCreateRequire } from 'node:module'; const require = __labCreateRequire(import.meta.url);
import{NOTES_PREFIX,NOTES_SOCKET,createNotesDir,liveNotesDirs,removeDeadNotesDirs}from"./chunk-RLSFNNZ5.js";import"./chunk-DTBNUTVF.js";import"./chunk-S3EMB4U5.js";import"./chunk-KRPR6WTZ.js";export{NOTES_PREFIX,NOTES_SOCKET,createNotesDir,liveNotesDirs,removeDeadNotesDirs};
