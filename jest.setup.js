// Every LWC test file can assert accessibility with `await expect(element).toBeAccessible()`.
const { registerSa11yMatcher } = require('@sa11y/jest');

registerSa11yMatcher();
