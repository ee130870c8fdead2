// Entry of the player page (web/dist/watch.js): plays the video named in the address fragment.
import { render } from 'preact'
import { Watch } from './watch.tsx'
import './watch.css'

render(<Watch />, document.getElementById('app')!)
