#!/usr/bin/env node
import { createRequire as __labCreateRequire } from 'node:module'; const require = __labCreateRequire(import.meta.url);
import{nodeVersionProblem}from"./chunk-YT5XD6EL.js";import"./chunk-KRPR6WTZ.js";var problem=nodeVersionProblem(process.version,process.execPath);problem?(process.stderr.write(problem+`
`),process.exitCode=2):await import("./cli-6TWV4H32.js");
