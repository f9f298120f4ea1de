// sfdx-lwc-jest resolves components through sfdx-project.json, so it runs from the repo root.
const { jestConfig } = require('@salesforce/sfdx-lwc-jest/config');

module.exports = {
  ...jestConfig,
  testPathIgnorePatterns: ['<rootDir>/node_modules/', '<rootDir>/packages/', '<rootDir>/apps/'],
  setupFilesAfterEnv: ['<rootDir>/jest.setup.js']
};
