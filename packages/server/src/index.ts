export { startHotel, WEBSOCKET_PATH, type Hotel, type HotelOptions } from './hotel.ts';
export { loadConfig, ConfigError, type HotelConfig } from './config/config.ts';
export { ManualClock, systemClock, type Clock } from './clock/clock.ts';
