import { createRequire as __labCreateRequire } from 'node:module'; const require = __labCreateRequire(import.meta.url);
var NS_TYPES=["uts","pid","mnt","net","ipc","cgroup","user","time"];export{NS_TYPES};
