import { realContent } from '../../helpers/dialogHarness';
import { detectArea } from '../../../src/knowledge/areaDetection';

const areas = () => realContent().content.areas.values();

describe('detectArea', () => {
  it.each([
    ['I live in Kent', 'kent', true],
    ['we live in maidstone', 'kent', true],
    ["I'm in Grantham", 'lincolnshire', true],
    ['Kent', 'kent', true],
    ['lincs', 'lincolnshire', true],
    ['we moved to Canterbury last year, who is the senco', 'kent', false],
    ['I live in North Lincolnshire', 'other', true],
    ['We live in Leeds', 'other', true],
    ['my council is Kent County Council', 'kent', true],
  ])('%s -> %s', (text, areaId, onlyArea) => {
    expect(detectArea(text, areas())).toMatchObject({ areaId, onlyArea });
  });

  it.each([['who is the senco'], ['my son is in year 4'], ['I am in a meeting later'], ['what happens at the review']])('finds no area in %s', (text) => {
    expect(detectArea(text, areas())).toBeUndefined();
  });
});
