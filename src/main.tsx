import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/App';
import { bindReadySignal, useExplorer } from './state/store';
import './styles.css';

bindReadySignal();
useExplorer.getState().loadQuery(window.location.search);

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
