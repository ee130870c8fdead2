// Entry of the console bundle (web/dist/console.js), loaded by web/index.html.
import { render } from 'preact'
import { App } from './app.tsx'
import './styles.css'

render(<App />, document.getElementById('app')!)
