import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { HostGate } from './HostGate'
import './styles/app.css'
import './styles/host.css'
import './styles/import.css'

const root = document.getElementById('root')
if (root) {
  createRoot(root).render(
    <StrictMode>
      <HostGate>
        <App />
      </HostGate>
    </StrictMode>,
  )
}
