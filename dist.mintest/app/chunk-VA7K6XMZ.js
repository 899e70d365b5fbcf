import { createRequire as __labCreateRequire } from 'node:module'; const require = __labCreateRequire(import.meta.url);
var LabError=class extends Error{hint;code;log;constructor(message,hint,code,log){super(message),this.name="LabError",this.hint=hint,this.code=code,this.log=log}};export{LabError};
