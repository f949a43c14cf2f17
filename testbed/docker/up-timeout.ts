/**
 * How long `up` may take in all (base image, bundles, containers, readiness), in seconds. Idle, a testbed is up
 * in 3-9 s; the bound is for a machine busy with other testbeds and test processes, where 60 s once proved too
 * short. Its own module: the testbed command shows it in its help without loading the Docker code.
 */
export const UP_TIMEOUT_SECONDS = 120;
