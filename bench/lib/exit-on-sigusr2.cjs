// Preloaded (`node -r`) into apps started with --cpu-prof: Nest's shutdown hooks end the process by
// re-raising SIGTERM, and a process killed by a signal never writes its profile. SIGUSR2 exits
// normally instead, so V8 writes the .cpuprofile.
process.once('SIGUSR2', () => process.exit(0));
