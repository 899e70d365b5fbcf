// Stands in for node-emoji in the bundle: marked-terminal imports it for :shortcodes:, which the lab turns off (emoji: false; its data is 320 KB).
export function get() {
  return undefined;
}
