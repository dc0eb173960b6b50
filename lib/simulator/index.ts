// The wamm.chat simulator: demo mode's upstream and every integration and e2e test's.
export { startSimulator } from './server';
export type { SimulatorHandle, SimulatorOptions } from './server';
export type { SimulatorControl, SimulatorSnapshot, SimulatorStats } from './control';
export { FAULT_KINDS } from './faults';
export type { Fault, FaultKind } from './faults';
export type { WireChannel, WireChat, WireUser } from './wire';
export { ALL_CHATS_CAP, DATASETS } from './world';
export type { DatasetName, DatasetOptions } from './world';
