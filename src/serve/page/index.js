// The curriculum page's script: progress from this browser's storage (the
// steps of each lesson seen as expected here), next to each lesson.
for (const item of document.querySelectorAll('li.lesson[data-slug]')) {
  let progress = {};
  try {
    progress = JSON.parse(localStorage.getItem(`learn:progress:${item.dataset.slug}`) ?? '{}');
  } catch { /* storage off */ }
  const done = Object.values(progress).filter((status) => status === 'passed').length;
  if (done > 0) item.querySelector('.progress').textContent = `${done}/${item.dataset.steps} as expected`;
}
