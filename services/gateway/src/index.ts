// @switchboard/gateway: the media ingest service, plus the client side tests, the benchmark and
// the demo use to play simulated calls.
export { startGateway, type RunningGateway, type StartGatewayOptions } from './start-gateway';
export { loadGatewayConfig, type GatewayConfig } from './config';
export { NoAudioPlaceholderSynthesizer, type SpeechSynthesizer, type SpeechRequest } from './tts/speech-synthesizer';
export { CallAudioSynthesizer } from './playback/call-audio-synthesizer';
export { FRAME_DURATION_MS, mediaFormatOf, type MediaFormat } from './call/media-format';
export * from './client/media-client';
export * from './client/simulated-call';
