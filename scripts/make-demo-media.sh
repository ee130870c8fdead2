#!/usr/bin/env bash
# Generates the bundled demo sample (media/demo) from ffmpeg's synthetic sources only: a 6 s
# 640x360 24 fps H.264 + AAC MP4 (faststart) and an HLS copy of the same streams (2 s segments).
# Usage: scripts/make-demo-media.sh [output-dir]   (default: media/demo next to this script)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:-$here/../media/demo}"

if ! command -v ffmpeg >/dev/null 2>&1; then
  echo "make-demo-media: ffmpeg is not on PATH (Debian: apt-get install -y ffmpeg)" >&2
  exit 1
fi

duration=6
fps=24
size=640x360
# A keyframe exactly every 2 s (no scene-cut keyframes), so every HLS segment is 2 s long.
gop=$((fps * 2))

# A large frame counter and clock on top of testsrc2 (which already moves and shows its own small
# timestamp) lets a browser test see that playback advances. Without the font the overlay is
# skipped and testsrc2's own counter remains.
font=/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf
video="testsrc2=size=${size}:rate=${fps}:duration=${duration}"
if [ -r "$font" ]; then
  video="${video},drawtext=fontfile=${font}:fontsize=32:fontcolor=white:box=1:boxcolor=black@0.6:boxborderw=8:x=(w-tw)/2:y=h-th-24:text='PlayGate  f=%{frame_num}  %{pts\\:hms}'"
fi
video="${video},format=yuv420p"

rm -rf "$out/mp4" "$out/hls"
mkdir -p "$out/mp4" "$out/hls"

# -threads 1 and the bitexact flags keep the bytes stable across runs of the same ffmpeg/x264
# build; -map_metadata -1 drops encoder and creation-time tags.
ffmpeg -hide_banner -loglevel error -y \
  -f lavfi -i "$video" \
  -f lavfi -i "sine=frequency=440:beep_factor=4:sample_rate=48000:duration=${duration}" \
  -map 0:v:0 -map 1:a:0 \
  -map_metadata -1 -map_chapters -1 \
  -fflags +bitexact -flags:v +bitexact -flags:a +bitexact \
  -threads 1 \
  -c:v libx264 -profile:v main -level:v 3.0 -pix_fmt yuv420p -preset medium \
  -crf 30 -maxrate 450k -bufsize 900k \
  -g "$gop" -keyint_min "$gop" -sc_threshold 0 \
  -c:a aac -b:a 64k -ac 1 -ar 48000 \
  -t "$duration" \
  -movflags +faststart \
  "$out/mp4/demo.mp4"

# Remux (no re-encode) so both renditions carry identical frames.
ffmpeg -hide_banner -loglevel error -y \
  -i "$out/mp4/demo.mp4" \
  -map 0 -c copy \
  -map_metadata -1 -fflags +bitexact -flags +bitexact \
  -bsf:v h264_mp4toannexb \
  -f hls -hls_time 2 -hls_playlist_type vod -hls_list_size 0 \
  -hls_segment_type mpegts \
  -hls_segment_filename "$out/hls/segment-%03d.ts" \
  -master_pl_name master.m3u8 \
  "$out/hls/index.m3u8"

( cd "$out" && find mp4 hls -type f | sort | xargs ls -l | awk '{ printf "%9d  %s\n", $5, $9 }' )
