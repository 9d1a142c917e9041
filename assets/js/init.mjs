// Progressive enhancement only: every page works without JavaScript.
import { initAll } from '/public/govuk-frontend.min.js'

initAll()
