import { render } from 'preact';
import { App } from './components/App';
import { connectToHost } from './host';
import { createInspectorState } from './state/inspectorState';

const state = createInspectorState(connectToHost());
render(<App state={state} />, document.getElementById('app')!);
void state.refresh();
void state.history.load();
