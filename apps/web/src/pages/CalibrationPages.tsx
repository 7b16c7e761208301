/** The calibration pages, one file each under ./calibration/. */
export { CalibrationPage } from './calibration/CalibrationIndexPage';
export { InterviewerCalibrationPage } from './calibration/InterviewerCalibrationPage';
export { RoleCalibrationPage } from './calibration/RoleCalibrationPage';
