// Stands in for highlight.js in the bundle: its core with the languages lesson code blocks use, not all 190.
// cli-highlight (marked-terminal's highlighter) requires the whole of highlight.js, which loaded
// every language grammar with the lesson screen (most of its 2.4 MB chunk). Lessons label code
// blocks c or sh; the others here are what a lesson author is likely to write. A block in a
// language not listed is shown in marked-terminal's code colour, unhighlighted.
const hljs = require('highlight.js/lib/core');

const languages = {
  plaintext: require('highlight.js/lib/languages/plaintext'),
  c: require('highlight.js/lib/languages/c'),
  bash: require('highlight.js/lib/languages/bash'),
  shell: require('highlight.js/lib/languages/shell'),
  json: require('highlight.js/lib/languages/json'),
  yaml: require('highlight.js/lib/languages/yaml'),
  go: require('highlight.js/lib/languages/go'),
  dockerfile: require('highlight.js/lib/languages/dockerfile'),
  ini: require('highlight.js/lib/languages/ini'),
  diff: require('highlight.js/lib/languages/diff'),
  makefile: require('highlight.js/lib/languages/makefile'),
  python: require('highlight.js/lib/languages/python'),
  javascript: require('highlight.js/lib/languages/javascript'),
};
for (const [name, language] of Object.entries(languages)) hljs.registerLanguage(name, language);

module.exports = hljs;
