type AudioContextClass = typeof AudioContext;

/**
 * Draws the visitor back to a minimised chat: a short tone and a blinking tab title. The tone
 * needs an AudioContext, which browsers only let a page start after a user gesture, so it is
 * created on the first click or key press and the widget stays silent before that.
 */
export class Attention {
  private audio: AudioContext | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private original = '';
  private shown = '';

  constructor(private readonly win: Window) {
    win.addEventListener('pointerdown', this.unlock, true);
    win.addEventListener('keydown', this.unlock, true);
  }

  /** Blinks `label` in the title until {@link calm} is called; plays the tone too when `sound`. */
  alert(label: string, sound: boolean): void {
    if (sound) this.beep();
    const doc = this.win.document;
    if (this.timer === undefined) this.original = doc.title;
    clearInterval(this.timer);
    let on = false;
    const blink = (): void => {
      // The host may have renamed its page meanwhile (SPA navigation): keep its newest title.
      if (doc.title !== this.shown) this.original = doc.title;
      on = !on;
      this.shown = doc.title = on ? label : this.original;
    };
    blink();
    this.timer = setInterval(blink, 1500);
  }

  /** Stops blinking and gives the page its own title back. */
  calm(): void {
    if (this.timer === undefined) return;
    clearInterval(this.timer);
    this.timer = undefined;
    const doc = this.win.document;
    if (doc.title === this.shown) doc.title = this.original;
  }

  dispose(): void {
    this.calm();
    this.win.removeEventListener('pointerdown', this.unlock, true);
    this.win.removeEventListener('keydown', this.unlock, true);
    void this.audio?.close().catch(() => undefined);
  }

  private readonly unlock = (): void => {
    if (this.audio) return;
    const Context = (this.win as Window & { AudioContext?: AudioContextClass }).AudioContext;
    try {
      if (Context) this.audio = new Context();
    } catch {
      this.audio = undefined;
    }
  };

  private beep(): void {
    const audio = this.audio;
    if (!audio || audio.state !== 'running') return;
    const now = audio.currentTime;
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.frequency.value = 880;
    gain.gain.setValueAtTime(0.0001, now);
    gain.gain.exponentialRampToValueAtTime(0.12, now + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, now + 0.3);
    tone.connect(gain).connect(audio.destination);
    tone.start(now);
    tone.stop(now + 0.32);
  }
}
