import { describe, expect, it } from 'vitest';
import { describeUserAgent } from './userAgent';

describe('browser and system', () => {
  it('names what agents know', () => {
    expect(describeUserAgent('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36'))
      .toBe('Chrome 126 on Windows');
    expect(describeUserAgent('Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15'))
      .toBe('Safari 17 on macOS');
    expect(describeUserAgent('Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1'))
      .toBe('Safari 17 on iOS');
    expect(describeUserAgent('Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0')).toBe('Firefox 128 on Linux');
    expect(describeUserAgent('Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36 Edg/126.0'))
      .toBe('Edge 126 on Android');
  });

  it('shows an unrecognised string as it is, and says when there is none', () => {
    expect(describeUserAgent('ReactorNetty/1.3.7')).toBe('ReactorNetty/1.3.7');
    expect(describeUserAgent(undefined)).toBe('Unknown');
  });
});
