/**
 * How to switch Defender for IoT on for a hub; shown wherever a connect is refused for lack of
 * it.
 */
export const ENABLE_DEFENDER_HINT =
  'To enable Defender for IoT on a hub: in the Azure portal open the IoT hub, choose ' +
  'Defender for IoT > Settings and enable it (or run `az security iot-solution create`). ' +
  'Then try again.';
