import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useExplorer } from '../state/store';

interface State {
  error: Error | null;
}

/**
 * Contains a failure to one panel: the rest of the page (and the previous good results) stay;
 * the panel says what went wrong, and the page's status becomes "error".
 */
export class PanelBoundary extends Component<{ name: string; children: ReactNode }, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo): void {
    useExplorer.getState().panelFailed(this.props.name, error.message);
    console.warn(`panel ${this.props.name} failed`, error, info.componentStack);
  }

  render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return (
      <section className="panel" role="alert">
        <strong>The {this.props.name} panel failed:</strong> {this.state.error.message}{' '}
        <button type="button" className="secondary" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </section>
    );
  }
}
