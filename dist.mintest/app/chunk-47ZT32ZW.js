import { createRequire as __labCreateRequire } from 'node:module'; const require = __labCreateRequire(import.meta.url);
var loaded=null,loading=null;function lessonScreenIfLoaded(){return loaded}function loadLessonScreen(){return loading??=import("./LessonScreen-MA3YEOYF.js").then(m=>loaded=m.LessonScreen,error=>{throw loading=null,error}),loading}export{lessonScreenIfLoaded,loadLessonScreen};
