// User-agent classes for binding rules: a coarse, documented reading of the User-Agent header
// (it is client-chosen, so a class is a filter for honest clients, never a security boundary).

export const USER_AGENT_CLASSES = [
  'empty',
  'bot',
  'cli',
  'player',
  'tv',
  'mobile',
  'browser',
  'other',
] as const
export type UserAgentClass = (typeof USER_AGENT_CLASSES)[number]

/** Checked in order; the first class whose pattern matches wins. */
const CLASS_PATTERNS: readonly (readonly [UserAgentClass, RegExp])[] = [
  ['bot', /bot\b|crawler|spider|slurp|facebookexternalhit|headless/i],
  [
    'cli',
    /^(curl|wget|python-requests|python-urllib|go-http-client|libwww-perl|java\/|httpie|aria2|axios|node-fetch|undici)/i,
  ],
  ['player', /lavf|ffmpeg|vlc|mpv|exoplayer|applecoremedia|stagefright|gstreamer|mplayer|kodi/i],
  ['tv', /smart-?tv|appletv|tizen|web0s|webos|crkey|bravia|roku|\baft[a-z]|hbbtv|android tv/i],
  ['mobile', /mobile|android|iphone|ipad|ipod|harmonyos/i],
  ['browser', /^mozilla\/|^opera\//i],
]

export function isUserAgentClass(value: string): value is UserAgentClass {
  return (USER_AGENT_CLASSES as readonly string[]).includes(value)
}

/** The class of a User-Agent header; `empty` when it is absent or blank. */
export function userAgentClass(header: string | undefined): UserAgentClass {
  if (header === undefined || header.trim() === '') return 'empty'
  for (const [name, pattern] of CLASS_PATTERNS) if (pattern.test(header)) return name
  return 'other'
}
