// Modules made by vite.config.ts plugins.
declare module 'virtual:samples' {
  /** Sample roster file name → its bytes in base64. */
  const samples: Record<string, string>;
  export default samples;
}
