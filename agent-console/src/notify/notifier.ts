/**
 * Desktop notifications and a short tone for new assignments and visitor messages. Nothing shows or
 * sounds before the agent allowed notifications; the tone is synthesised with Web Audio, which
 * browsers unlock only after the agent clicked or pressed a key in the page.
 */
export class Notifier {
  private audio: AudioContext | null = null;

  constructor(private readonly onClick: (conversationId: string) => void) {
    const unlock = () => {
      if (!this.audio && typeof AudioContext !== 'undefined') this.audio = new AudioContext();
      void this.audio?.resume();
    };
    window.addEventListener('pointerdown', unlock, { once: true, capture: true });
    window.addEventListener('keydown', unlock, { once: true, capture: true });
  }

  get permission(): NotificationPermission | 'unsupported' {
    return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
  }

  async ask(): Promise<void> {
    if (typeof Notification !== 'undefined' && Notification.permission === 'default') await Notification.requestPermission();
  }

  /** Notifies unless the agent is looking at that very conversation. */
  notify(title: string, body: string, conversationId: string, looking: boolean): void {
    if (looking && document.visibilityState === 'visible' && document.hasFocus()) return;
    if (this.permission !== 'granted') return;
    this.tone();
    // The body is the visitor's text: the browser shows it as plain text, never as markup.
    const shown = new Notification(title, { body: body.slice(0, 200), tag: 'parley-' + conversationId });
    shown.onclick = () => {
      window.focus();
      this.onClick(conversationId);
      shown.close();
    };
  }

  private tone(): void {
    const audio = this.audio;
    if (!audio || audio.state !== 'running') return;
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.frequency.value = 880;
    gain.gain.setValueAtTime(0.08, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + 0.25);
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start();
    oscillator.stop(audio.currentTime + 0.25);
  }
}
