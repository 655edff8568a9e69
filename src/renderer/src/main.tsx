// The tokens and shared pieces first: each feature's stylesheet, imported beside its code, builds on them.
import './styles/tokens.css'
import './styles/base.css'
import './styles/components.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { HostGate } from './HostGate'

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
