#!/bin/sh
# Records chromium-direct, chromium-turn-udp, chromium-turn-tcp and chromium-one-way (.pcap, and .json: the page's
# getStats at the end of each call) by running ChromiumCallCaptureTest, which makes a loopback-only network
# namespace, starts coturn and headless Chromium on chromium-call.html there, records each call with
# `rtc capture -i lo -w` and checks it; then copies the one-way call to samples/webrtc-chromium-one-way.pcap.
# Needs root, chromium, coturn and a built tree (mvn -o -q test-compile); every process the test starts is ended
# by its PID, each call bounded in time (see README.md).
set -e
media=$(cd "$(dirname "$0")" && pwd)
cd "$media/../../../.."
mvn -o -q -Drtc.fuzz.skip=true -Dtest=ChromiumCallCaptureTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Drtc.chromium.keep="$media" test
cp "$media/chromium-one-way.pcap" samples/webrtc-chromium-one-way.pcap
