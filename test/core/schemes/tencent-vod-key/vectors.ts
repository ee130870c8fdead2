// Tencent VOD Key hotlink-protection vectors from /work/shared/protocols/tencent-live.md §8 (also
// url-signing.md §5), all [VERIFIED]: KEY 24FEQmTzro4V5u3D5epW, Dir /dir1/dir2/,
// t 5a71afc0 (= 1517400000), us 72d4cd1101.

export const VOD_KEY = '24FEQmTzro4V5u3D5epW'
export const VOD_T = 1517400000
export const VOD_PATH = '/dir1/dir2/myVideo.mp4'

export const VOD_VECTORS = [
  {
    id: 'expiry only',
    canonical: '24FEQmTzro4V5u3D5epW/dir1/dir2/5a71afc072d4cd1101',
    sign: '3d8488faeb37d52d6bf63b63c1b171c3',
    options: {},
    url: '/dir1/dir2/myVideo.mp4?t=5a71afc0&us=72d4cd1101&sign=3d8488faeb37d52d6bf63b63c1b171c3',
  },
  {
    id: 'rlimit=3',
    canonical: '24FEQmTzro4V5u3D5epW/dir1/dir2/5a71afc0372d4cd1101',
    sign: 'c5214f0d5961b13acd558b4957c4dfc5',
    options: { maxClientIps: 3 },
    url: '/dir1/dir2/myVideo.mp4?t=5a71afc0&rlimit=3&us=72d4cd1101&sign=c5214f0d5961b13acd558b4957c4dfc5',
  },
  {
    id: 'exper=300',
    canonical: '24FEQmTzro4V5u3D5epW/dir1/dir2/5a71afc030072d4cd1101',
    sign: '547d98c4b91e81b5ea55c95cef63223f',
    options: { previewSeconds: 300 },
    url: '/dir1/dir2/myVideo.mp4?t=5a71afc0&exper=300&us=72d4cd1101&sign=547d98c4b91e81b5ea55c95cef63223f',
  },
] as const
