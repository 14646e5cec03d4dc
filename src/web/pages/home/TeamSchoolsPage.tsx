// A page of its own for a list of the home page, reached from the main menu: the list's heading is the page's h1.
import { TeamSchoolsPanel } from './consultant.tsx';
import './home.css';

export default function TeamSchoolsPage() {
  return <TeamSchoolsPanel headingLevel={1} />;
}
