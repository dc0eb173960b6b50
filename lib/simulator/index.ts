// The wamm.chat simulator: demo mode's upstream and every integration and e2e test's.
export { startSimulator, SIMULATOR_CAP } from './server';
export type { SimulatorControl, SimulatorHandle, SimulatorOptions, Stats, WireChannel, WireChat, WireUser } from './server';
export type { Fault, FaultKind } from './faults';
export type { DatasetName, DatasetOptions } from './world';
