/**
 * Finds the button a sandbox click names. Slack fills in a `block_id` / `action_id` the app left
 * out; the stand-in stores blocks exactly as sent, so it derives them from positions instead
 * (`b<index>` / `a<index>`), and the sandbox page does the same.
 */
export interface FoundButton {
  value?: string;
  text?: string;
}

type Rec = Record<string, unknown>;
const isRecord = (value: unknown): value is Rec => typeof value === 'object' && value !== null;

export const effectiveBlockId = (block: Rec, index: number): string =>
  typeof block.block_id === 'string' ? block.block_id : `b${index}`;

export const effectiveActionId = (element: Rec, index: number): string =>
  typeof element.action_id === 'string' ? element.action_id : `a${index}`;

const asButton = (element: Rec): FoundButton => {
  const text =
    isRecord(element.text) && typeof element.text.text === 'string' ? element.text.text : undefined;
  return {
    ...(typeof element.value === 'string' ? { value: element.value } : {}),
    ...(text === undefined ? {} : { text }),
  };
};

export const findButton = (
  blocks: readonly unknown[],
  blockId: string,
  actionId: string,
): FoundButton | undefined => {
  for (const [index, block] of blocks.entries()) {
    if (!isRecord(block) || effectiveBlockId(block, index) !== blockId) continue;
    const elements: unknown[] =
      block.type === 'actions' && Array.isArray(block.elements)
        ? block.elements
        : block.type === 'section' && block.accessory !== undefined
          ? [block.accessory]
          : [];
    for (const [i, element] of elements.entries()) {
      if (
        isRecord(element) &&
        element.type === 'button' &&
        effectiveActionId(element, i) === actionId
      ) {
        return asButton(element);
      }
    }
  }
  return undefined;
};
