// Entry point of the browser client: one HotelSession for the page, the
// React panels around it, and the test hook.

import { createRoot } from 'react-dom/client';

import { App } from './app/App.tsx';
import { HotelSession } from './app/hotel-session.ts';
import { WebStorageStore } from './app/key-value-store.ts';
import { maxExpandedChatWindows } from './app/screen.ts';
import { stepOverrideFrom, webSocketUrlFor } from './app/server-url.ts';
import { installTestHook } from './app/test-hook.ts';
import './app/styles.css';

function storageOrNull(name: 'localStorage' | 'sessionStorage'): Storage | null {
  try {
    return window[name];
  } catch {
    return null;
  }
}

const session = new HotelSession({
  url: webSocketUrlFor(window.location),
  storage: new WebStorageStore(storageOrNull('localStorage')),
  tabStorage: new WebStorageStore(storageOrNull('sessionStorage')),
  maxExpandedChatWindows,
});
installTestHook(session);

const root = document.getElementById('root');
if (root === null) {
  throw new Error('index.html has no #root element to mount the client in.');
}
createRoot(root).render(<App session={session} initialStepMs={stepOverrideFrom(window.location.search)} />);
void session.start();
