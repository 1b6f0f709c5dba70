// Node flags the hotel process runs with. `npm start` passes the same ones
// (a test checks that package.json agrees).
//
// --max-semi-space-size caps each half of V8's young generation at 16 MiB.
// Left alone, V8 grows the young generation as more bytes survive each
// scavenge: measured here, from about 60 MiB at 2,000 users to 128 MiB at
// 8,000, about 10 KiB of resident memory per user. The cap costs a few
// percent of CPU in more frequent, shorter scavenges.
export const hotelNodeFlags: readonly string[] = ['--max-semi-space-size=16'];
