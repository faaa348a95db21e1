/** A "正在整理答案" placeholder that is posted only when the answer is slow. */
export interface ProgressPlaceholder<Placeholder> {
  /** The placeholder once posted; undefined when none was needed or it could not be posted. */
  readonly posted: Promise<Placeholder | undefined>;
  /** Stops a placeholder that was not posted yet (the answer is ready); one already on its way is still awaited. */
  cancel(): void;
}

/**
 * Calls `post` after `afterMs` unless cancelled first. A failed post is reported to `onError` and
 * counts as no placeholder, so the answer is then posted normally. Shared by every channel.
 */
export function startProgressPlaceholder<Placeholder>(post: () => Promise<Placeholder | undefined>, afterMs: number, onError: (error: unknown) => void): ProgressPlaceholder<Placeholder> {
  let cancel = () => {};
  const posted = new Promise<Placeholder | undefined>((resolve) => {
    let fired = false;
    const timer = setTimeout(() => {
      fired = true;
      post().then(resolve, (error: unknown) => {
        onError(error);
        resolve(undefined);
      });
    }, afterMs);
    cancel = () => {
      clearTimeout(timer);
      // A placeholder already on its way will be replaced by the answer: wait for it instead.
      if (!fired) resolve(undefined);
    };
  });
  return { posted, cancel: () => cancel() };
}
