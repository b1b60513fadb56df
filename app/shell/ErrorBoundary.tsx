// Keeps a failing part of the page from blanking the rest: the part shows what broke instead.
import { Component, type ReactNode } from 'react';

interface Props { readonly label: string; readonly children: ReactNode; readonly fallback?: (error: Error) => ReactNode }
interface State { readonly error: Error | null }

/** Catches render errors below it. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    if (this.props.fallback) return this.props.fallback(error);
    return <div className="view-failed" role="alert">{this.props.label} failed: {error.message}</div>;
  }
}
