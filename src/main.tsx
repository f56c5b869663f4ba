import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/App';
import { bindReadySignal, useExplorer } from './state/store';
import './styles.css';

bindReadySignal();
void useExplorer.getState().init(window.location.search, window.location.hash);

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
