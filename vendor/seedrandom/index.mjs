// ES entry of seedrandom with named exports (see package.json's description for why).
import seedrandom from "./cjs/index.js";

export const {alea, xor128, xorwow, xorshift7, xor4096, tychei} = seedrandom;
export default seedrandom;
