// Progressive enhancement only: every page works without JavaScript.
import { initAll } from '/public/build/govuk-frontend.min.js'

initAll()
