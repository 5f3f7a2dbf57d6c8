/**
 * The AWS SDK warns on every start that Node 20 will be unsupported in 2027 (Lambda runs Node 22):
 * the local commands drop that one warning and print every other.
 */
export function quietSdkNodeVersionWarning(): void {
  process.removeAllListeners('warning');
  process.on('warning', (warning) => {
    const text = `${warning.name} ${warning.message}`;
    if (!text.includes('NodeVersionSupportWarning')) process.stderr.write(`${warning.stack}\n`);
  });
}
